// A table or block that scrolls sideways on a small screen must be reachable from the keyboard (WCAG 2.1.1): whoever
// cannot swipe scrolls it with the arrow keys once it has focus. Only a region that scrolls and holds nothing focusable
// gets a tab stop, so a desktop table that fits adds none; the stop follows the screen size as it changes.
(() => {
  const focusable = 'a[href], button, input, select, textarea, [tabindex]';

  function updateScrollRegions() {
    for (const region of document.querySelectorAll('table.grid, .table-scroll, pre')) {
      const scrolls = region.scrollWidth > region.clientWidth + 1 || region.scrollHeight > region.clientHeight + 1;
      if (region.dataset.scrollRegion === '1') {
        if (!scrolls) { region.removeAttribute('tabindex'); delete region.dataset.scrollRegion; }
      } else if (scrolls && !region.hasAttribute('tabindex') && !region.querySelector(focusable)) {
        region.tabIndex = 0;
        region.dataset.scrollRegion = '1';
      }
    }
  }

  updateScrollRegions();
  window.addEventListener('resize', updateScrollRegions);
  document.addEventListener('toggle', updateScrollRegions, true); // a <details> opening shows a region that may scroll
})();
