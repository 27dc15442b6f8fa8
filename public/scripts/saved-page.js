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
	function render() {
		var saved = load('bs:saved');
		var read = load('bs:read');
		list.textContent = '';
		saved.forEach(function (item) {
			var li = document.createElement('li');
			li.className = 'flex items-start justify-between gap-4 py-4';
			li.setAttribute('data-item', '');
			li.setAttribute('data-url', item.url);
			var text = document.createElement('div');
			var a = document.createElement('a');
			a.href = item.url;
			a.className = 'headline font-serif text-xl font-bold leading-snug hover:underline';
			a.textContent = item.title || item.url;
			var meta = document.createElement('p');
			meta.className = 'mt-1 text-xs text-muted';
			meta.textContent = [item.date, read.indexOf(item.url) >= 0 ? 'Read' : 'Unread'].filter(Boolean).join(' · ');
			text.append(a, meta);
			var remove = document.createElement('button');
			remove.type = 'button';
			remove.className = 'btn shrink-0';
			remove.textContent = 'Remove';
			remove.setAttribute('aria-label', 'Remove ' + (item.title || 'article') + ' from saved');
			remove.addEventListener('click', function () {
				var next = load('bs:saved').filter(function (s) { return s.url !== item.url; });
				try { localStorage.setItem('bs:saved', JSON.stringify(next)); } catch (e) {}
				if (window.caches) caches.open('bs-saved').then(function (c) { c.delete(item.url); }).catch(function () {});
				render();
				// Keep keyboard focus in the list (or on the empty state's link) after the item goes.
				var next = list.querySelector('button') || (empty && empty.querySelector('a'));
				if (next) next.focus();
			});
			li.append(text, remove);
			if (read.indexOf(item.url) >= 0) li.classList.add('is-read');
			list.append(li);
		});
		if (empty) empty.hidden = saved.length > 0;
	}
	render();
	window.addEventListener('storage', render);
})();
