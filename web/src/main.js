// Entry point: hash routing between the views and the API key dialog.
//   #/search?name=...   #/entity/ID   #/lists[/SOURCE]   #/batch   #/trade
//   #/alerts[/ID]?book=...&status=...&kind=...&since=...
//   #/regimes?regimes=us,eu&programme=russia&as_of=...   #/regimes/subject/ID
import './style.css';
import { onKeyNeeded, getKey, setKey } from './api.js';
import { renderSearch } from './search.js';
import { renderEntity } from './entity.js';
import { renderLists } from './lists.js';
import { renderBatch } from './batch.js';
import { renderTrade } from './trade.js';
import { renderAlerts } from './alerts.js';
import { renderRegimes } from './regimes.js';

const main = document.getElementById('main');
const dialog = document.getElementById('key-dialog');
const keyForm = document.getElementById('key-form');
const keyInput = document.getElementById('api-key');
const keyReason = document.getElementById('key-reason');

let keyResolve = null;

// Opens the key dialog; resolves with the key the user submits. Escape keeps the dialog open
// for a request that is waiting for a key (it cannot go on without one).
function promptForKey(reason) {
  keyReason.textContent = reason;
  keyInput.value = '';
  if (!dialog.open) dialog.showModal();
  keyInput.focus();
  return new Promise((resolve) => {
    keyResolve = resolve;
  });
}

keyForm.addEventListener('submit', (event) => {
  event.preventDefault();
  const key = keyInput.value.trim();
  if (!key) return;
  setKey(key);
  dialog.close();
  if (keyResolve) {
    const resolve = keyResolve;
    keyResolve = null;
    resolve(key);
  }
});
dialog.addEventListener('cancel', (event) => {
  if (keyResolve) event.preventDefault();
});

document.getElementById('change-key').addEventListener('click', () => {
  keyReason.textContent = getKey() ? 'Replace the API key this browser uses.' : 'Enter an API key.';
  keyInput.value = '';
  dialog.showModal();
  keyInput.focus();
});

onKeyNeeded(promptForKey);

function route() {
  const hash = location.hash.replace(/^#\/?/, '');
  const [path, query = ''] = hash.split('?');
  const parts = path.split('/').map(decodeURIComponent);
  const params = new URLSearchParams(query);
  const view = parts[0] || 'search';
  for (const a of document.querySelectorAll('nav a[data-route]')) {
    if (a.dataset.route === view) a.setAttribute('aria-current', 'page');
    else a.removeAttribute('aria-current');
  }
  document.title = 'cordon — sanctions screening';
  switch (view) {
    case 'entity':
      renderEntity(main, parts.slice(1).join('/'));
      break;
    case 'lists':
      renderLists(main, parts[1] || '');
      break;
    case 'batch':
      renderBatch(main);
      break;
    case 'trade':
      renderTrade(main);
      break;
    case 'alerts':
      renderAlerts(main, params, parts[1] || '');
      break;
    case 'regimes':
      renderRegimes(main, params, parts[1] === 'subject' ? parts.slice(2).join('/') : '');
      break;
    default:
      renderSearch(main, params);
  }
  // Move focus to the new content for keyboard and screen reader users, except on the search
  // form, which focuses its name field itself.
  if (view !== 'search') main.focus({ preventScroll: true });
  window.scrollTo(0, 0);
}

window.addEventListener('hashchange', route);
route();
