export * from './enums';
export * from './identity';
export * from './connections';
export * from './facts';
export * from './rollups';
export * from './operations';
export * from './pipeline';
