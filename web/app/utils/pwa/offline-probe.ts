// Marks <html data-offline> while the server cannot be reached, from an inline script in the document's head, so
// the "as of" banner shows as soon as a page the service worker kept is parsed, without waiting for hydration.
// `navigator.onLine` alone misses a connection that carries nothing (a train's "lie-fi"), and Chromium's
// emulated offline: a probe of /api/health (never handled by the worker) decides, on every change the browser
// reports and every 15 s while offline.
export const OFFLINE_PROBE_SCRIPT = `(function(){
var root=document.documentElement,timer;
function probe(){
  clearTimeout(timer);
  var done=function(ok){root.toggleAttribute('data-offline',!ok);if(!ok)timer=setTimeout(probe,15000);};
  if(!navigator.onLine)return done(false);
  var ctl=new AbortController();setTimeout(function(){ctl.abort();},4000);
  fetch('/api/health',{cache:'no-store',signal:ctl.signal}).then(function(r){done(r.ok);},function(){done(false);});
}
addEventListener('online',probe);addEventListener('offline',probe);probe();
})();`;
