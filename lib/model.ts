export * from './core/model';
