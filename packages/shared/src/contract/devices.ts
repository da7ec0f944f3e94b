// The hub's API, devices: Device pairing, kiosk printers and device administration.
import { AdminDeviceResponse, RevokeDeviceResponse, UpdateDeviceRequest } from '../admin.ts';
import {
  DeviceResponse,
  DevicesResponse,
  EmptyBody,
  IdParams,
  PairingCodeRequest,
  PairingCodeResponse,
  PairRequest,
  PairResponse,
  SetPrinterRequest,
} from '../schemas.ts';
import { ADMIN, endpoint, READERS } from './endpoint.ts';

export const DEVICES_API = {
  'devices:pairing-code': endpoint({
    method: 'POST',
    path: '/api/v1/devices/pairing-codes',
    summary: 'Create a one-time pairing code for a kiosk, counter or display device (admin)',
    access: ADMIN,
    status: 201,
    body: PairingCodeRequest,
    response: PairingCodeResponse,
  }),
  'devices:pair': endpoint({
    method: 'POST',
    path: '/api/v1/devices/pair',
    summary: 'Exchange a pairing code for a device token; a code works once',
    access: 'public',
    status: 201,
    body: PairRequest,
    response: PairResponse,
  }),
  'devices:list': endpoint({
    method: 'GET',
    path: '/api/v1/devices',
    summary: 'Paired devices with kiosk printer settings and open alerts (paper out, printer offline, …)',
    access: READERS,
    response: DevicesResponse,
  }),
  'devices:set-printer': endpoint({
    method: 'PUT',
    path: '/api/v1/devices/:id/printer',
    summary: 'Assign a network, serial or USB printer to a kiosk (uri null: the default printer) (admin)',
    access: ADMIN,
    params: IdParams,
    body: SetPrinterRequest,
    response: DeviceResponse,
  }),
  'devices:update': endpoint({
    method: 'PUT',
    path: '/api/v1/devices/:id',
    summary: 'Rename a device, or move a display to a zone or a counter device to a counter (admin)',
    access: ADMIN,
    params: IdParams,
    body: UpdateDeviceRequest,
    response: AdminDeviceResponse,
  }),
  'devices:revoke': endpoint({
    method: 'POST',
    path: '/api/v1/devices/:id/revoke',
    summary: 'Unpair a device: its token stops working at once (admin)',
    access: ADMIN,
    params: IdParams,
    body: EmptyBody,
    response: RevokeDeviceResponse,
  }),
};
