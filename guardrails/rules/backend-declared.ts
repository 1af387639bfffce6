import { defineRule, verdict } from '../rule';
import { str } from '../../synthesized/facts';

export default defineRule({
  id: 'ST-01',
  name: 'backend-declared',
  severity: 'error',
  title: 'Every stack declares its backend explicitly (a local path is relative)',
  why:
    "Without a backend Terraform keeps state wherever it runs; cdktf's default local backend writes an " +
    'absolute path, which breaks deterministic synthesis and points CI at a path that does not exist.',
  source: 'Terraform docs: Backend configuration; cdktf docs: Remote backends',
  fix: "Set the environment's backend (s3, or local with a relative path for dev).",
  check: (stack) => {
    const b = stack.backend;
    if (!b) return verdict([{ address: stack.stackName, message: 'no backend is declared' }]);
    const path = str(b.settings.path);
    if (b.type === 'local' && path && /^(\/|[A-Za-z]:[\\/])/.test(path))
      return verdict([{ address: stack.stackName, message: `the local backend path ${path} is absolute` }]);
    return verdict([]);
  },
});
