import type { EnvironmentConfigInput, EnvironmentName } from '../schema';
import { environmentFile } from '../provenance';
import { dev } from './dev';
import { prod } from './prod';
import { staging } from './staging';

/**
 * The embedded default configuration of every environment, in deployment order, each registered with the file
 * it is written in (config problems name the file: config/provenance.ts).
 */
export const ENVIRONMENTS: Readonly<Record<EnvironmentName, EnvironmentConfigInput>> = {
  dev: environmentFile('config/environments/dev.ts', dev),
  staging: environmentFile('config/environments/staging.ts', staging),
  prod: environmentFile('config/environments/prod.ts', prod),
};
