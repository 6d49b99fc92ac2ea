// The cordon HTTP/JSON API (docs/api.md) as the page uses it: same origin, API key as
// "Authorization: Bearer KEY" kept in localStorage. A 401 asks the user for a key (through the
// handler set with onKeyNeeded) and retries; a 429 waits for Retry-After and retries.

const KEY_STORAGE = 'cordon.apiKey';

export class ApiError extends Error {
  constructor(status, code, message) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

let keyNeeded = null; // (reason) => Promise<string>: resolves with the key the user entered
let keyPrompt = null; // the pending prompt, shared by every request waiting for a key

export function getKey() {
  try {
    return localStorage.getItem(KEY_STORAGE) || '';
  } catch {
    return '';
  }
}

export function setKey(key) {
  try {
    if (key) localStorage.setItem(KEY_STORAGE, key);
    else localStorage.removeItem(KEY_STORAGE);
  } catch {
    // Private mode without storage: the key lives for this page only.
  }
  memoryKey = key;
}

let memoryKey = '';

export function onKeyNeeded(handler) {
  keyNeeded = handler;
}

function currentKey() {
  return getKey() || memoryKey;
}

async function askForKey(reason) {
  if (!keyNeeded) throw new ApiError(401, 'unauthenticated', 'an API key is needed');
  if (!keyPrompt) {
    keyPrompt = keyNeeded(reason).finally(() => {
      keyPrompt = null;
    });
  }
  const key = await keyPrompt;
  setKey(key);
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Lists versions of the last answer that named them (header X-Cordon-Lists). */
export let lastListsHeader = '';

/**
 * Sends one request and returns {body, headers}. `body` goes as JSON, or as it is when a
 * `contentType` is given. Throws ApiError for an error answer (with the
 * server's message) or a network failure (status 0).
 */
export async function request(method, path, body, contentType = '') {
  for (let attempt = 0; ; attempt++) {
    const headers = { Accept: 'application/json' };
    const key = currentKey();
    if (key) headers.Authorization = `Bearer ${key}`;
    // With a content type the body is sent as it is (a CSV); otherwise as JSON.
    if (body !== undefined) headers['Content-Type'] = contentType || 'application/json';
    let response;
    try {
      response = await fetch(path, {
        method,
        headers,
        body: body === undefined ? undefined : contentType ? body : JSON.stringify(body),
      });
    } catch (e) {
      throw new ApiError(0, 'network', `the server could not be reached (${e.message})`);
    }
    if (response.status === 401 && attempt < 5) {
      await askForKey(
        key ? 'The server did not accept this API key.' : 'This server needs an API key.',
      );
      continue;
    }
    if (response.status === 429 && attempt < 5) {
      const wait = Number(response.headers.get('Retry-After')) || 1;
      await sleep(Math.min(wait, 30) * 1000);
      continue;
    }
    const text = await response.text();
    let parsed = null;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      parsed = null;
    }
    if (!response.ok) {
      const err = parsed && parsed.error;
      throw new ApiError(
        response.status,
        (err && err.code) || 'http_error',
        (err && err.message) || `HTTP ${response.status} ${response.statusText}`.trim(),
      );
    }
    if (parsed === null) {
      throw new ApiError(
        response.status,
        'bad_response',
        'the server answered something that is not JSON',
      );
    }
    lastListsHeader = response.headers.get('X-Cordon-Lists') || lastListsHeader;
    return { body: parsed, headers: response.headers };
  }
}

/** Path segment for an entity id: ids hold ':' which stays readable. */
export function entityPath(id) {
  return `/entities/${encodeURIComponent(id).replace(/%3A/gi, ':')}`;
}
