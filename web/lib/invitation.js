// 服务找人: an invitation's text links to `/?invitation=REF#book`. The reference is random and names nobody; the
// page keeps it (the sign-in may go to the provider and back) and takes it out of the address bar, and the
// booking page, once the person is signed in, asks the API what it stands for (GET /v1/cases?invitation=…, web/screens/book.js).
import { session } from './session.js';

const REF = /^[A-Za-z0-9_-]{22}$/;

/** Called once at start, before the sign-in looks at the address. */
export function keepInvitationFromLink() {
  const url = new URL(location.href);
  const ref = url.searchParams.get('invitation');
  if (ref === null) return;
  if (REF.test(ref)) session.invitation = ref;
  url.searchParams.delete('invitation');
  history.replaceState(null, '', `${url.pathname}${url.search}${url.hash}`);
}
