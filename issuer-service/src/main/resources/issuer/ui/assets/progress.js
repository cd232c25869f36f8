// A running batch's progress, every few seconds, without reloading the page (a timed reload would move the reader's
// focus and is a WCAG 2.2.1 failure, F41): the page is fetched again and only its #progress region (aria-live,
// announced politely) and #outcome change. It stops when the batch is finished. Without JavaScript, the page's
// "Update" link does the same by hand.
(function () {
  'use strict';
  var main = document.getElementById('main');
  var seconds = main ? Number(main.getAttribute('data-refresh')) : 0;
  if (!seconds || !window.fetch || !window.DOMParser) {
    return;
  }
  function replace(next, id) {
    var here = document.getElementById(id);
    var there = next.querySelector('#' + id);
    if (here && there && here.innerHTML !== there.innerHTML) {
      here.innerHTML = there.innerHTML;
    }
  }
  function tick() {
    fetch(window.location.href, { credentials: 'same-origin', headers: { Accept: 'text/html' } })
      .then(function (answer) {
        return answer.ok ? answer.text() : Promise.reject(answer.status);
      })
      .then(function (html) {
        var next = new DOMParser().parseFromString(html, 'text/html').getElementById('main');
        if (!next) {
          return;
        }
        replace(next, 'progress');
        replace(next, 'outcome');
        if (next.getAttribute('data-refresh')) {
          window.setTimeout(tick, seconds * 1000);
        } else {
          main.removeAttribute('data-refresh');
        }
      })
      .catch(function () {
        window.setTimeout(tick, seconds * 2000);
      });
  }
  window.setTimeout(tick, seconds * 1000);
})();
