// The search page: starts Pagefind's Default UI, opens `?q=` deep links, keeps
// the address bar in step with the query (so results can be shared), re-runs
// the search when the reader changes the order (best match / date), and starts
// Pagefind as soon as the page is up rather than at the reader's first keystroke.
(function () {
	'use strict';
	var element = document.getElementById('search');
	if (!element || typeof PagefindUI === 'undefined') return;
	var params = new URLSearchParams(location.search);
	var sortSelect = document.querySelector('[data-search-sort]');
	var empty = document.querySelector('[data-search-empty]');
	var ui = null;
	var current = params.get('q') || '';
	var translations = {
		placeholder: 'Search articles',
		zero_results: 'No articles match [SEARCH_TERM]. Try fewer or different words, check the spelling, or remove a filter.',
		filters_label: 'Filter by',
	};

	function start(sort) {
		if (ui) ui.destroy();
		element.textContent = '';
		ui = new PagefindUI({
			element: '#search',
			// The site's search module (written by the build): Pagefind's API, plus pages changed since its index was written.
			bundlePath: element.getAttribute('data-bundle-path') || undefined,
			showSubResults: true,
			showImages: false,
			autofocus: true,
			// Pagefind's default is 300 ms. Once Pagefind has started (below) a search takes tens of
			// milliseconds; in headless Chromium on a 2-core machine, a typed query on a 10,000-article
			// site showed its first result after a median of 0.40 s with 150 ms, 0.58 s with 300 ms.
			debounceTimeoutMs: 150,
			pageSize: 10,
			resetStyles: false,
			translations: translations,
			sort: sort ? { date: sort } : null,
			// Result links carry ?highlight=… and the article page marks the words.
			highlightParam: 'highlight',
			// Sharded sites: the other shards' indexes, listed by the build in data-merge-index.
			mergeIndex: (element.getAttribute('data-merge-index') || '').split(' ').filter(Boolean).map(function (bundlePath) {
				return { bundlePath: bundlePath };
			}),
			processTerm: function (term) {
				remember(term);
				return term;
			},
		});
		// The visible page heading names the search box (Pagefind only gives it a placeholder).
		var input = element.querySelector('input[type=text], input[type=search]');
		if (input) {
			input.setAttribute('aria-labelledby', 'search-heading');
			// Pagefind UI starts Pagefind (worker, WebAssembly, index metadata, filters) when its
			// input gets focus, but it autofocuses the input before it listens, so it would start
			// only at the first keystroke, and the first query would wait for all of it.
			input.dispatchEvent(new Event('focus'));
		}
		if (current) ui.triggerSearch(current);
	}

	// Mirror the query into ?q= without adding history entries for each keystroke.
	function remember(term) {
		current = term;
		var url = new URL(location.href);
		if (term) url.searchParams.set('q', term);
		else url.searchParams.delete('q');
		history.replaceState(null, '', url);
		if (empty) empty.hidden = !!term;
	}

	if (sortSelect) {
		var sort = params.get('sort');
		if (sort === 'asc' || sort === 'desc') sortSelect.value = sort;
		sortSelect.closest('[hidden]') && (sortSelect.closest('[hidden]').hidden = false);
		sortSelect.addEventListener('change', function () {
			var url = new URL(location.href);
			if (sortSelect.value) url.searchParams.set('sort', sortSelect.value);
			else url.searchParams.delete('sort');
			history.replaceState(null, '', url);
			start(sortSelect.value);
		});
	}
	if (empty) empty.hidden = !!current;
	start(sortSelect ? sortSelect.value : '');
})();
