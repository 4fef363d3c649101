export * from './core/bundle';
