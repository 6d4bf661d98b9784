// Browser script for /api/docs, served as a static same-origin file (CSP allows 'self' scripts).
// It reads /api/openapi.json and renders every operation with a "Try it" panel.
export const DOCS_JS = String.raw`
const $ = (tag, attrs = {}, ...kids) => {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) k === 'text' ? (el.textContent = v) : el.setAttribute(k, v);
  for (const kid of kids) if (kid) el.append(kid);
  return el;
};
const refName = (ref) => ref.split('/').pop();
function example(schema, spec, depth = 0) {
  if (!schema || depth > 6) return null;
  if (schema.$ref) return example(spec.components.schemas[refName(schema.$ref)], spec, depth + 1);
  if (schema.example !== undefined) return schema.example;
  if (schema.default !== undefined) return schema.default;
  if (schema.anyOf || schema.oneOf) return example((schema.anyOf || schema.oneOf)[0], spec, depth + 1);
  if (schema.enum) return schema.enum[0];
  if (schema.const !== undefined) return schema.const;
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  if (type === 'object' || schema.properties) {
    const out = {};
    for (const [k, v] of Object.entries(schema.properties || {})) out[k] = example(v, spec, depth + 1);
    return out;
  }
  if (type === 'array') return [example(schema.items, spec, depth + 1)];
  if (type === 'integer' || type === 'number') return schema.minimum ?? 1;
  if (type === 'boolean') return true;
  if (schema.format === 'uuid') return '00000000-0000-4000-8000-000000000000';
  return 'string';
}
function tryIt(method, path, op, spec) {
  const panel = $('form', { class: 'try' });
  const params = (op.parameters || []).filter((p) => p.in === 'path' || p.in === 'query');
  const inputs = params.map((p) => {
    const input = $('input', { name: p.name, 'aria-label': p.name, placeholder: p.name + ' (' + p.in + ')' });
    panel.append($('label', {}, $('span', { text: p.name }), input));
    return [p, input];
  });
  const bodySchema = op.requestBody?.content?.['application/json']?.schema;
  const body = bodySchema ? $('textarea', { rows: '8', 'aria-label': 'JSON body' }) : null;
  if (body) { body.value = JSON.stringify(example(bodySchema, spec), null, 2); panel.append(body); }
  const out = $('pre', { class: 'out', 'aria-live': 'polite' });
  panel.append($('button', { type: 'submit', text: 'Send ' + method.toUpperCase() }), out);
  panel.addEventListener('submit', async (e) => {
    e.preventDefault();
    let url = path;
    const query = new URLSearchParams();
    for (const [p, input] of inputs) {
      if (p.in === 'path') url = url.replace('{' + p.name + '}', encodeURIComponent(input.value));
      else if (input.value) query.set(p.name, input.value);
    }
    if ([...query].length) url += '?' + query;
    out.textContent = 'Sending…';
    try {
      const res = await fetch(url, { method: method.toUpperCase(), credentials: 'same-origin', headers: body ? { 'content-type': 'application/json' } : {}, body: body ? body.value : undefined });
      const text = await res.text();
      let pretty = text;
      try { pretty = JSON.stringify(JSON.parse(text), null, 2); } catch {}
      out.textContent = res.status + ' ' + res.statusText + '\n' + pretty;
    } catch (err) { out.textContent = String(err); }
  });
  return panel;
}
async function main() {
  const root = document.getElementById('ops');
  let spec;
  try { spec = await (await fetch('/api/openapi.json')).json(); }
  catch { root.textContent = 'Could not load /api/openapi.json.'; return; }
  document.getElementById('title').textContent = spec.info.title + ' ' + spec.info.version;
  document.getElementById('desc').textContent = spec.info.description || '';
  const byTag = new Map();
  for (const [path, item] of Object.entries(spec.paths)) for (const [method, op] of Object.entries(item)) {
    const tag = (op.tags || ['Other'])[0];
    if (!byTag.has(tag)) byTag.set(tag, []);
    byTag.get(tag).push([method, path, op]);
  }
  root.textContent = '';
  for (const [tag, ops] of byTag) {
    const section = $('section', {}, $('h2', { text: tag }));
    for (const [method, path, op] of ops) {
      const responses = $('ul', { class: 'responses' });
      for (const [code, r] of Object.entries(op.responses || {})) responses.append($('li', {}, $('code', { text: code }), ' ' + (r.description || '')));
      // With an API key (ADR 105): the scope it needs and the call, or why no key may make it.
      const scope = op['x-cadence-scope'];
      const keyed = scope && scope !== 'none'
        ? $('div', { class: 'key-call' }, $('p', { text: 'With an API key (scope ' + scope + '):' }),
            $('pre', { class: 'out', text: 'curl' + (method === 'get' ? '' : ' -X ' + method.toUpperCase()) + ' -H "Authorization: Bearer $CADENCE_API_KEY" ' + location.origin + path }))
        : $('p', { class: 'key-call', text: scope === 'none' ? 'Not available to API keys: sign in to Cadence.' : '' });
      section.append($('details', { class: 'op' },
        $('summary', {}, $('span', { class: 'method m-' + method, text: method.toUpperCase() }), $('code', { class: 'path', text: path }), $('span', { class: 'sum', text: op.summary || '' }), op.security ? $('span', { class: 'lock', title: 'Needs a session cookie', text: 'session' }) : null, scope && scope !== 'none' ? $('span', { class: 'lock', title: 'An API key with this scope may call it', text: 'key: ' + scope }) : null),
        responses, keyed, tryIt(method, path, op, spec)));
    }
    root.append(section);
  }
}
main();
`;

export const DOCS_CSS = `
:root{font-family:system-ui,sans-serif;color:#0f172a;background:#f8fafc}
body{margin:0}header{background:#0f766e;color:#fff;padding:1.25rem 1rem}header h1{margin:0;font-size:1.4rem}
header p{margin:.25rem 0 0;opacity:.9}main{max-width:960px;margin:0 auto;padding:1rem}
h2{font-size:1.1rem;margin:1.5rem 0 .5rem}.op{background:#fff;border:1px solid #e2e8f0;border-radius:8px;margin:.5rem 0}
.op summary{display:flex;gap:.6rem;align-items:center;padding:.6rem .8rem;cursor:pointer;flex-wrap:wrap}
.method{font-weight:700;font-size:.75rem;padding:.15rem .45rem;border-radius:4px;color:#fff;background:#475569}
.m-get{background:#0369a1}.m-post{background:#15803d}.m-put,.m-patch{background:#b45309}.m-delete{background:#b91c1c}
.path{font-size:.9rem}.sum{color:#475569;font-size:.9rem}.lock{margin-left:auto;font-size:.75rem;color:#0f766e;border:1px solid #99f6e4;border-radius:4px;padding:0 .3rem}
.responses{margin:0;padding:.25rem 1.8rem;color:#334155;font-size:.85rem}.try{display:grid;gap:.5rem;padding:.8rem;border-top:1px solid #e2e8f0}
.try label{display:grid;gap:.2rem;font-size:.85rem}.try input,.try textarea{font:inherit;font-family:ui-monospace,monospace;padding:.4rem;border:1px solid #cbd5e1;border-radius:6px}
.try button{justify-self:start;font:inherit;background:#0f766e;color:#fff;border:0;border-radius:6px;padding:.45rem .9rem;cursor:pointer}
.try button:focus-visible,.op summary:focus-visible{outline:3px solid #f59e0b;outline-offset:2px}
.key-call{padding:0 .8rem;font-size:.85rem;color:#334155}
.out{background:#0f172a;color:#e2e8f0;padding:.6rem;border-radius:6px;overflow:auto;max-height:320px;margin:0;white-space:pre-wrap}
`;
