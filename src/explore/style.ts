// The explorer's stylesheet: system fonts, a single column on a phone and two on a wide screen,
// inputs large enough to touch, visible focus, numbers in tabular figures, tables that scroll
// sideways inside their box rather than widening the page.
export const EXPLORER_STYLE = `
:root { color: #1b1f24; background: #fff; --muted: #57606a; --line: #d0d7de; --accent: #0b63c5; --bad: #b42318; }
* { box-sizing: border-box; }
body { margin: 0; font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
#app { max-width: 76rem; margin: 0 auto; padding: 1rem 1rem 4rem; display: grid; gap: 0 2rem; grid-template-columns: minmax(0, 1fr); }
@media (min-width: 60rem) {
  #app { grid-template-columns: minmax(20rem, 26rem) minmax(0, 1fr); }
  #app > header { grid-column: 1 / -1; }
  #model-panel { grid-row: span 8; position: sticky; top: 0; align-self: start; max-height: 100vh; overflow-y: auto; padding-right: .5rem; }
}
/* Sections off screen are not laid out or painted until scrolled to: an edit re-renders what is seen. */
#app > section:not(#model-panel) { content-visibility: auto; contain-intrinsic-size: auto 40rem; }
h1 { font-size: 1.7rem; line-height: 1.2; margin: .5rem 0 .2rem; }
h2 { font-size: 1.25rem; margin: 1.5rem 0 .5rem; padding-bottom: .2rem; border-bottom: 1px solid var(--line); }
.subtitle, .note, small { color: var(--muted); }
.note { font-size: .9rem; }
.row { display: flex; flex-wrap: wrap; align-items: center; gap: .25rem .6rem; margin: .35rem 0; }
.row.symbol { display: grid; grid-template-columns: 2.2rem 8.5rem minmax(6rem, 1fr); }
.row.symbol small { grid-column: 1 / -1; font-size: .8rem; margin-top: -.2rem; }
/* A fieldset is at least as wide as its content by default: min-width 0 lets long option names wrap on a phone. */
fieldset { border: 1px solid var(--line); border-radius: 6px; margin: .6rem 0; padding: .3rem .7rem .5rem; min-width: 0; }
.row > select { min-width: 0; flex: 1 1 10rem; }
legend { font-weight: 600; padding: 0 .3rem; }
input[type=number], select, textarea { font: inherit; padding: .3rem .4rem; border: 1px solid #8c959f; border-radius: 4px; min-height: 2.2rem; max-width: 100%; }
input[type=number] { width: 8.5rem; font-variant-numeric: tabular-nums; }
input[type=range] { width: 100%; min-height: 2rem; accent-color: var(--accent); }
textarea { width: 100%; font: .85rem/1.4 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; }
button { font: inherit; padding: .35rem .8rem; border: 1px solid var(--accent); color: var(--accent); background: #fff; border-radius: 4px; cursor: pointer; min-height: 2.2rem; }
button:hover { background: #eef5fd; }
:focus-visible { outline: 3px solid #f0b400; outline-offset: 2px; }
.buttons { display: flex; gap: .5rem; margin: .4rem 0; flex-wrap: wrap; }
.title { font-weight: 600; }
.error { color: var(--bad); font-weight: 600; min-height: 1.5em; margin: .3rem 0; }
body.stale section:not(#model-panel) { opacity: .45; }
.formula-box { display: flex; flex-wrap: wrap; align-items: center; gap: .5rem 1rem; }
.formula { overflow-x: auto; overflow-y: hidden; max-width: 100%; flex: 1 1 20rem; }
.mini { font-size: .85rem; overflow-x: auto; }
dl.totals { display: grid; grid-template-columns: minmax(8rem, max-content) minmax(0, 1fr); gap: .15rem 1rem; margin: .5rem 0; }
dl.totals dt { color: var(--muted); }
dl.totals dd { margin: 0; }
.count { font-variant-numeric: tabular-nums; font-weight: 600; overflow-wrap: anywhere; }
.scroll { overflow-x: auto; max-width: 100%; }
table { border-collapse: collapse; margin: .5rem 0; font-size: .93rem; min-width: 100%; }
caption { text-align: left; color: var(--muted); font-size: .85rem; padding-bottom: .3rem; }
th, td { padding: .3rem .5rem; border-bottom: 1px solid #eaeef2; vertical-align: top; text-align: left; }
thead th { border-bottom: 2px solid var(--line); }
.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
td.share { position: relative; min-width: 5rem; }
.bar { position: absolute; left: 0; bottom: 2px; height: 3px; background: var(--accent); }
code { font: .9em ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; background: #f3f4f6; padding: .05em .25em; border-radius: 3px; }
.charts { display: grid; gap: 1rem; grid-template-columns: repeat(auto-fit, minmax(min(100%, 26rem), 1fr)); }
figure { margin: 0; }
figure svg { width: 100%; height: auto; display: block; }
figcaption { color: var(--muted); font-size: .85rem; }
.status { position: fixed; bottom: .5rem; right: .5rem; margin: 0; background: #1b1f24; color: #fff; padding: .2rem .6rem; border-radius: 4px; font-size: .85rem; }
.status:empty { display: none; }
.offscreen { position: absolute; left: -9999px; }
.katex-display { margin: .4rem 0; }
`;
