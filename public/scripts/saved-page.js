// The Saved page: lists the articles saved in localStorage, newest first, with
// their read state and a button to remove each one.
(function () {
	'use strict';
	var list = document.querySelector('[data-saved-list]');
	var empty = document.querySelector('[data-saved-empty]');
	if (!list) return;
	function load(key) {
		try { return JSON.parse(localStorage.getItem(key)) || []; } catch (e) { return []; }
	}
	function save(key, value) {
		try { localStorage.setItem(key, JSON.stringify(value)); } catch (e) {}
	}
	// "2024-03-05" → "5 March 2024", as on the rest of the site.
	function formatDate(date) {
		var d = new Date(date + 'T00:00:00Z');
		return isNaN(d) ? date : d.toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
	}
	function button(label, accessibleName, onClick) {
		var b = document.createElement('button');
		b.type = 'button';
		b.className = 'btn';
		b.textContent = label;
		b.setAttribute('aria-label', accessibleName);
		b.addEventListener('click', onClick);
		return b;
	}
	// After an item changes or goes, keep keyboard focus in the list (or on the empty state's link).
	function refocus(url, which) {
		var target = list.querySelector('[data-url="' + CSS.escape(url) + '"] [data-' + which + ']') || list.querySelector('button') || (empty && empty.querySelector('a'));
		if (target) target.focus();
	}
	function render() {
		var saved = load('bs:saved');
		var read = load('bs:read');
		list.textContent = '';
		saved.forEach(function (item) {
			var isRead = read.indexOf(item.url) >= 0;
			var title = item.title || 'article';
			var li = document.createElement('li');
			li.className = 'flex flex-wrap items-start justify-between gap-4 py-4' + (isRead ? ' is-read' : '');
			li.setAttribute('data-item', '');
			li.setAttribute('data-url', item.url);
			var text = document.createElement('div');
			var a = document.createElement('a');
			a.href = item.url;
			a.className = 'headline font-serif text-xl font-bold leading-snug hover:underline';
			a.textContent = item.title || item.url;
			var meta = document.createElement('p');
			meta.className = 'mt-1 text-xs text-muted';
			meta.textContent = [item.date && formatDate(item.date), isRead ? 'Read' : 'Unread'].filter(Boolean).join(' · ');
			text.append(a, meta);
			var actions = document.createElement('div');
			actions.className = 'flex gap-2';
			var toggle = button(isRead ? 'Mark unread' : 'Mark read', (isRead ? 'Mark unread: ' : 'Mark read: ') + title, function () {
				var now = load('bs:read').filter(function (u) { return u !== item.url; });
				if (!isRead) now.unshift(item.url);
				save('bs:read', now);
				render();
				refocus(item.url, 'toggle');
			});
			toggle.setAttribute('data-toggle', '');
			var remove = button('Remove', 'Remove from saved: ' + title, function () {
				save('bs:saved', load('bs:saved').filter(function (s) { return s.url !== item.url; }));
				if (window.caches) caches.open('bs-saved').then(function (c) { c.delete(item.url); }).catch(function () {});
				render();
				refocus('', 'none');
			});
			actions.append(toggle, remove);
			li.append(text, actions);
			list.append(li);
		});
		if (empty) empty.hidden = saved.length > 0;
	}
	render();
	window.addEventListener('storage', render);
})();
