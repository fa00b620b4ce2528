import { messages } from '../messages.js';

/** Id of the JSON script element that contains the specs, keyed by chart id. */
export const SPECS_ELEMENT_ID = 'report-specs';

/**
 * Builds the page script that embeds every chart with vega-embed. Each chart element
 * gets `data-rendered="true"` once drawn, or "error" with the message in place of the
 * chart. Once every chart has settled, the body gets `data-charts="done"`. The Vega
 * editor action is left out because it opens a web page.
 */
export function bootstrapScript(): string {
  const failurePrefix = JSON.stringify(messages.chartFailed());
  return `(function () {
  'use strict';
  var specs = JSON.parse(document.getElementById(${JSON.stringify(SPECS_ELEMENT_ID)}).textContent);
  var options = { mode: 'vega-lite', renderer: 'canvas', actions: { export: true, source: true, compiled: true, editor: false } };
  var pending = Object.keys(specs).map(function (id) {
    var element = document.getElementById(id);
    return vegaEmbed(element, specs[id], options).then(
      function () { element.setAttribute('data-rendered', 'true'); },
      function (error) {
        element.setAttribute('data-rendered', 'error');
        element.className += ' chart-error';
        element.textContent = ${failurePrefix} + (error && error.message ? error.message : String(error));
        console.error('chart ' + id + ' failed to render', error);
      }
    );
  });
  Promise.all(pending).then(function () { document.body.setAttribute('data-charts', 'done'); });
})();`;
}
