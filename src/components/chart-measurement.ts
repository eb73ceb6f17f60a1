/**
 * recharts measures axis labels in an off-screen `<span id="recharts_measurement_span">` that it
 * appends to `<body>` and leaves there, holding the last label measured ("12", "0,7"). It is not
 * UI text, but a check that walks visible text (the i18n e2e tests) would see it. recharts reuses
 * an existing element with that id, so creating it first, marked as data, settles it.
 * Call once before rendering a recharts chart.
 */
const ID = 'recharts_measurement_span';

export function prepareChartMeasurement(): void {
  if (typeof document === 'undefined' || document.getElementById(ID)) return;
  const span = document.createElement('span');
  span.id = ID;
  span.setAttribute('aria-hidden', 'true');
  span.setAttribute('data-no-i18n', '');
  document.body.append(span);
}
