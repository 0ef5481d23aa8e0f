// The dashboard's router: the path picks the page, the query string holds the page's state.
import { onNavigate, params, go } from './nav.js';
import { closeSource, warm, h } from './ui.js';
import { pinnedVersion, lastVersion } from './gql.js';
import * as overview from './pages/overview.js';
import * as department from './pages/department.js';
import * as compare from './pages/compare.js';
import * as embed from './pages/embed.js';

const app = document.getElementById('app');

async function render() {
  const path = location.pathname;
  const p = params();
  document.body.dataset.ready = '';
  closeSource();
  let m;
  if (path === '/') await overview.render(app, p);
  else if ((m = path.match(/^\/d\/([^/]+)$/))) await department.render(app, p, decodeURIComponent(m[1]));
  else if (path === '/compare') await compare.render(app, p);
  else if ((m = path.match(/^\/embed\/([^/]+)$/))) await embed.render(app, p, m[1]);
  pinNotice(path);
  if (lastVersion != null) document.querySelector('.foot .version').textContent = ` 数据版本 ${lastVersion}。`;
  for (const a of document.querySelectorAll('header.top nav a')) {
    a.classList.toggle('on', a.dataset.nav === (path === '/' ? 'overview' : path.split('/')[1]));
  }
  document.body.dataset.ready = 'true';
  if (!window.firstViewMs) window.firstViewMs = performance.now();
}

// pinNotice says when the page shows a pinned dataset version rather than the newest.
function pinNotice(path) {
  const pin = pinnedVersion();
  if (!pin || path.startsWith('/embed/')) return;
  const q = new URLSearchParams(location.search);
  q.delete('version');
  app.prepend(h('p', { class: 'pin' }, `本页数据固定在数据版本 ${pin}（引用的数字可以复现）。`,
    h('a', { href: location.pathname + (q.size ? '?' + q : ''), 'data-unpin': '' }, '查看最新数据')));
}

// Links inside the dashboard change the view without reloading the page.
document.addEventListener('click', (e) => {
  const a = e.target.closest('a[href]');
  if (!a || e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || a.target || a.hasAttribute('download')) return;
  const url = new URL(a.href, location.href);
  if (url.origin !== location.origin || a.dataset.external != null || url.pathname.startsWith('/graphiql')) return;
  if (url.pathname === location.pathname && url.search === location.search && url.hash) return;
  e.preventDefault();
  go(url.pathname + url.search + url.hash);
  if (!url.hash) window.scrollTo(0, 0);
});

onNavigate(render);
window.addEventListener('popstate', render);
render();
warm();
