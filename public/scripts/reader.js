// Reader enhancements, all optional: theme toggle, keyboard shortcuts, save for
// later, read marks, copy link / share, search-term highlighting and the
// offline service worker. Without JavaScript or storage the site reads the same.
(function () {
	'use strict';
	var doc = document;
	var root = doc.documentElement;
	var base = root.getAttribute('data-base') || '/';
	var $ = function (sel, el) { return (el || doc).querySelector(sel); };
	var $$ = function (sel, el) { return Array.prototype.slice.call((el || doc).querySelectorAll(sel)); };

	// Storage can be missing, full or forbidden (private modes): every access is guarded.
	function load(key, fallback) {
		try { var v = JSON.parse(localStorage.getItem(key)); return v == null ? fallback : v; } catch (e) { return fallback; }
	}
	function store(key, value) {
		try { localStorage.setItem(key, typeof value === 'string' ? value : JSON.stringify(value)); return true; } catch (e) { return false; }
	}
	var canStore = store('bs:probe', '1');

	// --- Theme toggle -------------------------------------------------------
	var media = window.matchMedia && matchMedia('(prefers-color-scheme: dark)');
	function isDark() {
		var t = root.getAttribute('data-theme');
		return t ? t === 'dark' : !!(media && media.matches);
	}
	$$('[data-theme-toggle]').forEach(function (btn) {
		function show() {
			btn.setAttribute('aria-pressed', String(isDark()));
			btn.lastElementChild.textContent = 'Dark';
		}
		btn.hidden = false;
		show();
		btn.addEventListener('click', function () {
			var next = isDark() ? 'light' : 'dark';
			root.setAttribute('data-theme', next);
			store('bs:theme', next);
			show();
		});
		if (media && media.addEventListener) media.addEventListener('change', show);
	});

	// --- Saved articles and read marks ---------------------------------------
	var status = $('[data-action-status]');
	function announce(text) { if (status) { status.textContent = ''; setTimeout(function () { status.textContent = text; }, 50); } }
	function saved() { return load('bs:saved', []); }
	function isSaved(url) { return saved().some(function (s) { return s.url === url; }); }
	function toggleSave(item) {
		var list = saved();
		var at = -1;
		list.forEach(function (s, i) { if (s.url === item.url) at = i; });
		if (at >= 0) list.splice(at, 1); else list.unshift({ url: item.url, title: item.title, date: item.date || null, savedAt: Date.now() });
		store('bs:saved', list);
		offline(item.url, at < 0);
		announce(at < 0 ? 'Saved for later' : 'Removed from saved');
		refresh();
		return at < 0;
	}
	// Saved pages (and the stylesheets they need) go into their own cache for offline reading.
	function offline(url, keep) {
		if (!window.caches) return;
		caches.open('bs-saved').then(function (cache) {
			if (!keep) return cache.delete(url);
			var urls = [url].concat($$('link[rel=stylesheet]').map(function (l) { return l.href; }));
			return cache.addAll(urls);
		}).catch(function () {});
	}
	var readList = load('bs:read', []);
	function isRead(url) { return readList.indexOf(url) >= 0; }
	function setRead(url, read) {
		readList = readList.filter(function (u) { return u !== url; });
		if (read) readList.unshift(url);
		store('bs:read', readList.slice(0, 2000));
	}

	var article = $('[data-article]');
	var here = location.pathname;
	var articleItem = article && { url: here, title: article.getAttribute('data-title'), date: article.getAttribute('data-date') };
	if (article && canStore) setRead(here, true);

	function refresh() {
		$$('[data-item]').forEach(function (el) {
			var url = el.getAttribute('data-url');
			el.classList.toggle('is-read', isRead(url));
			el.classList.toggle('is-saved', isSaved(url));
		});
		var btn = $('[data-save]');
		if (btn && articleItem) {
			var on = isSaved(here);
			btn.setAttribute('aria-pressed', String(on));
			btn.lastElementChild.textContent = on ? 'Saved' : 'Save';
		}
	}

	if (canStore) {
		var saveBtn = $('[data-save]');
		if (saveBtn && articleItem) {
			saveBtn.hidden = false;
			saveBtn.addEventListener('click', function () { toggleSave(articleItem); });
		}
		refresh();
	}

	// --- Copy link and native share --------------------------------------------
	var copyBtn = $('[data-copy-link]');
	if (copyBtn && navigator.clipboard) {
		copyBtn.hidden = false;
		copyBtn.addEventListener('click', function () {
			navigator.clipboard.writeText(location.origin + location.pathname).then(function () {
				copyBtn.lastElementChild.textContent = 'Link copied';
				announce('Link copied');
				setTimeout(function () { copyBtn.lastElementChild.textContent = 'Copy link'; }, 2500);
			}, function () { announce('Could not copy the link'); });
		});
	}
	var shareBtn = $('[data-share]');
	if (shareBtn && navigator.share && articleItem) {
		shareBtn.hidden = false;
		shareBtn.addEventListener('click', function () {
			navigator.share({ title: articleItem.title, url: location.origin + location.pathname }).catch(function () {});
		});
	}

	// --- Keyboard shortcuts -------------------------------------------------------
	var help = $('#keyboard-help');
	var current = -1;
	function typing(el) {
		return el && (el.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(el.tagName));
	}
	function move(step) {
		// Lists mark their items; Pagefind's results are items too.
		var items = $$('[data-item], .pagefind-ui__result');
		if (!items.length) return false;
		if (current < 0 || current >= items.length || !items[current].classList.contains('is-current')) {
			// Start from the item holding focus, if any, so j/k continue from where the reader is.
			current = items.findIndex(function (el) { return el.contains(doc.activeElement); });
			if (current < 0) current = step > 0 ? -1 : items.length;
		}
		var next = Math.max(0, Math.min(items.length - 1, current + step));
		items.forEach(function (el) { el.classList.remove('is-current'); });
		current = next;
		items[next].classList.add('is-current');
		var link = $('a[href]', items[next]);
		if (link) link.focus();
		return true;
	}
	function focusSearch() {
		var input = $('.pagefind-ui__search-input') || $('#site-search-q');
		if (input) { input.focus(); input.select && input.select(); return true; }
		return false;
	}
	doc.addEventListener('keydown', function (e) {
		if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey || typing(e.target)) return;
		if (help && help.open) return;
		var done = false;
		switch (e.key) {
			case 'j': done = move(1); break;
			case 'k': done = move(-1); break;
			case 'o': {
				var item = $('.is-current a[href]');
				if (item) { location.href = item.href; done = true; }
				break;
			}
			case 's': {
				if (!canStore) break;
				var cur = $('[data-item].is-current');
				if (cur && cur.hasAttribute('data-title')) { toggleSave({ url: cur.getAttribute('data-url'), title: cur.getAttribute('data-title'), date: cur.getAttribute('data-date') }); done = true; }
				else if (articleItem) { toggleSave(articleItem); done = true; }
				break;
			}
			case '/': done = focusSearch(); break;
			case '?':
				if (help && help.showModal) { help.showModal(); done = true; }
				break;
		}
		if (done) e.preventDefault();
	});

	// --- Search-term highlighting, only when arriving from a search result --------
	if (article && /[?&]highlight=/.test(location.search)) {
		import(base + 'pagefind/pagefind-highlight.js').then(function (m) {
			new m.default({ highlightParam: 'highlight', addStyles: false });
			var first = $('.pagefind-highlight');
			if (first && first.scrollIntoView) first.scrollIntoView({ block: 'center' });
		}).catch(function () {});
	}

	// --- Offline reading --------------------------------------------------------------
	if ('serviceWorker' in navigator && location.protocol !== 'file:') {
		navigator.serviceWorker.register(base + 'sw.js', { scope: base }).catch(function () {});
	}
})();
