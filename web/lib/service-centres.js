// The service centres, fetched once: the booking screen lists them and the booked screen names the chosen one.
import { api } from './api.js';

let centres = null;

export function centresLoaded() {
  return Boolean(centres);
}

export async function loadCentres() {
  centres = await api('GET', '/v1/service-centers');
  return centres;
}

/** The centre with this id, if the list has been fetched already. */
export function knownCentre(id) {
  return centres?.find((c) => c.id === id);
}
