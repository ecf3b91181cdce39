/** Vigil as both transports start it: createVigil builds every service over one store. */
export { createVigil, type Vigil, type VigilOptions } from './vigil';
