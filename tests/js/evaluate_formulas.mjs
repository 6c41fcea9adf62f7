// Evaluate compiled formulas with Vega's own dataflow (the vega npm package, the runtime the book draws with).
// Input (stdin, JSON): {"cases": [{"signals": {name: value}, "rows": [{...}], "formulas": [[field, expression], ...],
//                                  "points": [{signal: value, ...}, ...]}]}
// For each case, one Vega view holds the rows and one formula transform per expression; for each point the
// signals are set and the dataflow re-run. Output (stdout, JSON): {"results": [[[row, ...] per point] per case]}.
import * as vega from 'vega';

const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const {cases} = JSON.parse(Buffer.concat(chunks).toString('utf8'));

const clean = (value) => (typeof value === 'number' && !Number.isFinite(value)) ? String(value) : value;

const results = [];
for (const c of cases) {
  const spec = {
    signals: Object.entries(c.signals).map(([name, value]) => ({name, value})),
    data: [{
      name: 'rows',
      values: c.rows,
      transform: c.formulas.map(([as, expr]) => ({type: 'formula', as, expr})),
    }],
  };
  const view = new vega.View(vega.parse(spec), {renderer: 'none'});
  const perPoint = [];
  for (const point of c.points) {
    for (const [name, value] of Object.entries(point)) view.signal(name, value);
    await view.runAsync();
    perPoint.push(view.data('rows').map((row) => Object.fromEntries(
      c.formulas.map(([as]) => [as, clean(row[as])]))));
  }
  view.finalize();
  results.push(perPoint);
}
process.stdout.write(JSON.stringify({results}));
