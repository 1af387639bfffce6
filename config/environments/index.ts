import type { EnvironmentConfigInput, EnvironmentName } from '../schema';
import { dev } from './dev';
import { prod } from './prod';
import { staging } from './staging';

/** The embedded default configuration of every environment, in deployment order. */
export const ENVIRONMENTS: Readonly<Record<EnvironmentName, EnvironmentConfigInput>> = { dev, staging, prod };
