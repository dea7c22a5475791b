/** The demo admin's look: a plain back office, so the widget is what stands out. */
export const ADMIN_CSS = `
:root { color-scheme: light; --accent: #0b5cad; --line: #d8dde3; --muted: #5b6572; --bg: #f5f7f9; }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1d2530; background: var(--bg); }
header { background: #1d2530; color: #fff; }
header .bar { max-width: 1100px; margin: 0 auto; padding: 0 20px; display: flex; align-items: center; gap: 24px; flex-wrap: wrap; }
header .brand { font-weight: 700; padding: 14px 0; letter-spacing: .01em; }
header nav { display: flex; gap: 4px; flex-wrap: wrap; flex: 1; }
header nav a { color: #d6dde6; text-decoration: none; padding: 14px 10px; border-bottom: 3px solid transparent; }
header nav a:hover, header nav a[aria-current="page"] { color: #fff; border-bottom-color: #6fb1ff; }
header form { margin: 0; }
header .lang { color: #d6dde6; font-size: 13px; }
header .lang a { color: #d6dde6; }
main { max-width: 1100px; margin: 0 auto; padding: 20px; }
h1 { font-size: 24px; margin: 8px 0 4px; }
h2 { font-size: 18px; margin: 28px 0 8px; }
p.lead { color: var(--muted); margin: 0 0 16px; max-width: 70ch; }
.system { display: inline-block; font-size: 12px; font-weight: 600; border-radius: 4px; padding: 1px 7px; margin-right: 6px; vertical-align: middle; }
.system.po { background: #e6f0e9; color: #195c33; }
.system.shop { background: #e8eefb; color: #1d4a9e; }
table { width: 100%; border-collapse: collapse; background: #fff; border: 1px solid var(--line); border-radius: 6px; overflow: hidden; }
th, td { text-align: left; padding: 7px 10px; border-bottom: 1px solid var(--line); vertical-align: top; }
th { background: #eef1f4; font-size: 13px; color: #38424e; font-weight: 600; }
tr:last-child td { border-bottom: 0; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
td .muted, .muted { color: var(--muted); font-size: 13px; }
a { color: var(--accent); }
.card { background: #fff; border: 1px solid var(--line); border-radius: 6px; padding: 16px 18px; margin: 12px 0; }
.widget-slot { margin: 12px 0; }
.columns { display: grid; grid-template-columns: minmax(0, 3fr) minmax(280px, 2fr); gap: 20px; align-items: start; }
@media (max-width: 860px) { .columns { grid-template-columns: 1fr; } }
form.edit { display: grid; grid-template-columns: 180px 1fr; gap: 8px 12px; align-items: center; }
form.edit label { font-weight: 500; }
form.edit .hint { grid-column: 2; color: var(--muted); font-size: 12px; margin-top: -6px; }
form.edit .actions { grid-column: 2; display: flex; gap: 10px; align-items: center; margin-top: 6px; }
input[type=text], input[type=email], input[type=tel], input[type=url], input[type=number], input[type=date], select {
  font: inherit; padding: 6px 8px; border: 1px solid #aab3bd; border-radius: 4px; width: 100%; background: #fff; }
input[type=checkbox] { width: 18px; height: 18px; justify-self: start; }
input:focus-visible, select:focus-visible, button:focus-visible, a:focus-visible { outline: 3px solid #6fb1ff; outline-offset: 1px; }
button { font: inherit; font-weight: 600; padding: 7px 14px; border-radius: 4px; border: 1px solid var(--accent); background: var(--accent); color: #fff; cursor: pointer; }
button.secondary { background: #fff; color: var(--accent); }
header button { background: #2f8f4e; border-color: #2f8f4e; }
.notice { border-radius: 6px; padding: 10px 14px; margin: 12px 0; border: 1px solid; }
.notice.ok { background: #eaf6ee; border-color: #9fd3b0; color: #14532d; }
.notice.error { background: #fdecec; border-color: #f0a8a8; color: #7f1d1d; }
dl.facts { display: grid; grid-template-columns: 180px 1fr; gap: 4px 12px; margin: 0; }
dl.facts dt { color: var(--muted); }
dl.facts dd { margin: 0; }
.steps { margin: 0; padding-left: 20px; }
.steps li { margin: 4px 0; }
code { background: #eef1f4; padding: 1px 5px; border-radius: 3px; font-size: 13px; }
`;
