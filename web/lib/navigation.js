// Lets a screen move to another screen without importing app.js, which imports every screen.

let route = () => {};
let current = '';

/** app.js hands over its router once, at start. */
export function useRouter(router) {
  route = router;
}

export function go(name) {
  if (location.hash !== `#${name}`) location.hash = name;
  else route();
}

export function currentScreen() {
  return current;
}

export function setCurrentScreen(name) {
  current = name;
}
