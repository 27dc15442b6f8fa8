// Starts Pagefind's UI on the search page and opens the results for `?q=`.
(function () {
	var element = document.getElementById('search');
	if (!element || typeof PagefindUI === 'undefined') return;
	var ui = new PagefindUI({ element: '#search', showSubResults: true, showImages: false, autofocus: true });
	var query = new URLSearchParams(window.location.search).get('q');
	if (query) ui.triggerSearch(query);
})();
