// The catalogue's commands (contract/city-catalogue.ts). Not built yet.
import type { Handlers } from '../handler.ts';

type CatalogueCommand =
  | 'city:catalogue:import'
  | 'city:catalogue:versions'
  | 'city:catalogue:version'
  | 'city:catalogue:publish'
  | 'city:catalogue:published';

const notYet = () => {
  throw new Error('the catalogue is not built yet');
};
export const catalogueHandlers: Handlers<CatalogueCommand> = {
  'city:catalogue:import': notYet,
  'city:catalogue:versions': notYet,
  'city:catalogue:version': notYet,
  'city:catalogue:publish': notYet,
  'city:catalogue:published': notYet,
};
