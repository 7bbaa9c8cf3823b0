export * from './connections';
export * from './enums';
export * from './facts';
export * from './identity';
export * from './operations';
export * from './pipeline';
export * from './provisioning';
export * from './rollups';
