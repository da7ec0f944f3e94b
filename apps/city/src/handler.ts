// What a handler of one city command receives and answers (http.ts registers one per name).
import type { CityCommandName, CityOutput, CityParsed, CityUser } from '@luot/shared';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { City } from './city.ts';

export interface Context {
  city: City;
  user: CityUser | null;
  client: string;
  request: FastifyRequest;
  reply: FastifyReply;
}
export type Handler<K extends CityCommandName> = (
  input: CityParsed<K> & Context,
) => Promise<CityOutput<K>> | CityOutput<K>;

/** Handlers of some commands of the contract, checked against it by name. */
export type Handlers<K extends CityCommandName> = { [N in K]: Handler<N> };
