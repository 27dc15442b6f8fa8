// Offline reading. Pages: network first, so readers always get the latest
// build; each page read is kept (the newest 150) and served when the network
// fails. Hashed assets under _astro/ never change, so they are served from the
// cache first. Saved articles live in the "bs-saved" cache, filled by the page.
'use strict';
var PAGES = 'bs-pages';
var ASSETS = 'bs-assets';
var KEEP_PAGES = 150;

self.addEventListener('install', function () { self.skipWaiting(); });
self.addEventListener('activate', function (event) { event.waitUntil(self.clients.claim()); });

function trim(cache) {
	return cache.keys().then(function (keys) {
		// keys() is in insertion order; drop the oldest beyond the limit.
		return Promise.all(keys.slice(0, Math.max(0, keys.length - KEEP_PAGES)).map(function (k) { return cache.delete(k); }));
	});
}

function offlinePage() {
	return new Response(
		'<!doctype html><html lang="en"><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Offline</title>' +
			'<body style="font:1.1rem/1.6 Georgia,serif;max-width:36rem;margin:3rem auto;padding:0 1rem"><h1>You are offline</h1>' +
			'<p>This page has not been read on this device yet. Articles you have read or saved open without a connection.</p>' +
			'<p><a href="' + self.registration.scope + 'saved/">Your saved articles</a></p></body></html>',
		{ status: 503, headers: { 'content-type': 'text/html; charset=utf-8' } },
	);
}

self.addEventListener('fetch', function (event) {
	var request = event.request;
	if (request.method !== 'GET') return;
	var url = new URL(request.url);
	if (url.origin !== self.location.origin) return;

	if (request.mode === 'navigate') {
		// Cache the page under its address without the query (?highlight=…), so it is found offline.
		var key = url.origin + url.pathname;
		event.respondWith(
			fetch(request)
				.then(function (response) {
					if (response.ok) {
						var copy = response.clone();
						caches.open(PAGES).then(function (cache) { return cache.put(key, copy).then(function () { return trim(cache); }); });
					}
					return response;
				})
				.catch(function () {
					return caches.match(key).then(function (hit) { return hit || offlinePage(); });
				}),
		);
		return;
	}

	if (url.pathname.indexOf('/_astro/') >= 0 || url.pathname.indexOf('/scripts/') >= 0 || /\/(favicon\.svg|manifest\.webmanifest)$/.test(url.pathname)) {
		event.respondWith(
			caches.match(request).then(function (hit) {
				var network = fetch(request).then(function (response) {
					if (response.ok) {
						var copy = response.clone();
						caches.open(ASSETS).then(function (cache) { cache.put(request, copy); });
					}
					return response;
				});
				// Hashed files never change; unhashed scripts are refreshed in the background.
				return hit || network;
			}),
		);
	}
});
