// The city's procedure catalogue (API.md, "The city"): import a version (JSON here; XLSX on the
// same path with the workbook's content type), list and read versions, publish one, and the
// published version hubs fetch with an ETag.
import {
  CatalogueImportRequest,
  CatalogueVersionInfo,
  CatalogueVersionParams,
  CatalogueVersionResponse,
  CatalogueVersionsResponse,
  PublishedCatalogue,
} from '../city/catalogue.ts';
import { EmptyBody } from '../schemas.ts';
import { endpoint } from './endpoint.ts';

const CITY_ADMIN = { users: ['admin'] } as const;
const CITY_READERS = { users: ['admin', 'viewer'] } as const;

export const CITY_CATALOGUE_API = {
  'city:catalogue:import': endpoint({
    method: 'POST',
    path: '/api/city/v1/catalogue/versions',
    summary: 'Import a catalogue as a new draft version (JSON, or an XLSX workbook)',
    access: CITY_ADMIN,
    status: 201,
    body: CatalogueImportRequest,
    response: CatalogueVersionInfo,
  }),
  'city:catalogue:versions': endpoint({
    method: 'GET',
    path: '/api/city/v1/catalogue/versions',
    summary: 'Every version of the catalogue, newest first',
    access: CITY_READERS,
    response: CatalogueVersionsResponse,
  }),
  'city:catalogue:version': endpoint({
    method: 'GET',
    path: '/api/city/v1/catalogue/versions/:version',
    summary: 'One version of the catalogue with its fields and procedures',
    access: CITY_READERS,
    params: CatalogueVersionParams,
    response: CatalogueVersionResponse,
  }),
  'city:catalogue:publish': endpoint({
    method: 'POST',
    path: '/api/city/v1/catalogue/versions/:version/publish',
    summary: 'Publish a version: hubs receive it from now on',
    access: CITY_ADMIN,
    params: CatalogueVersionParams,
    body: EmptyBody,
    response: CatalogueVersionInfo,
  }),
  'city:catalogue:published': endpoint({
    method: 'GET',
    path: '/api/city/v1/catalogue',
    summary: 'The published catalogue, for hubs (ETag; 304 on If-None-Match; 404 before any is published)',
    access: 'public',
    response: PublishedCatalogue,
  }),
};
