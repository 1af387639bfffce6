/** The deterministic zip behind the Lambda asset: the same entries give the same bytes. */
import { zipEntries } from '../../../constructs/aws/deterministic-zip';

describe('deterministic zip', () => {
  test('depends only on names and contents, not on order or time', () => {
    const a = zipEntries([
      { name: 'b.txt', data: Buffer.from('b') },
      { name: 'a.txt', data: Buffer.from('a') },
    ]);
    const b = zipEntries([
      { name: 'a.txt', data: Buffer.from('a') },
      { name: 'b.txt', data: Buffer.from('b') },
    ]);
    expect(a.equals(b)).toBe(true);
    expect(a.readUInt32LE(0)).toBe(0x04034b50);
    expect(a.readUInt32LE(a.length - 22)).toBe(0x06054b50);
  });
});
