/** The portal's stylesheet: plain CSS, readable at 200% zoom, AA contrast, no JavaScript needed. */
export const PORTAL_CSS = `
:root{--red:#b3000f;--ink:#1f2329;--muted:#4e5969;--line:#d9dde3;--bg:#f5f6f8;--link:#0b4fa8;--focus:#ffbf47}
*{box-sizing:border-box}
html{font-size:16px}
body{margin:0;font-family:"Noto Sans CJK SC","Source Han Sans SC","Microsoft YaHei","PingFang SC",sans-serif;color:var(--ink);background:var(--bg);line-height:1.7}
a{color:var(--link)}
a:hover{text-decoration:none}
:focus-visible{outline:3px solid var(--focus);outline-offset:2px}
.skip{position:absolute;left:-9999px;top:0;background:#fff;padding:.5rem 1rem;z-index:10}
.skip:focus{left:1rem}
header.site{background:var(--red);color:#fff}
header.site .wrap{display:flex;flex-wrap:wrap;align-items:center;justify-content:space-between;gap:.5rem}
header.site a{color:#fff;text-decoration:none}
.brand{font-size:1.35rem;font-weight:700;letter-spacing:.05em;padding:.8rem 0}
nav.main ul{list-style:none;display:flex;flex-wrap:wrap;gap:.25rem 1.25rem;margin:0;padding:0}
nav.main a{display:inline-block;padding:.4rem 0;border-bottom:2px solid transparent}
nav.main a:hover,nav.main a[aria-current=page]{border-bottom-color:#fff}
.wrap{max-width:1120px;margin:0 auto;padding:0 1rem}
main{padding:1.5rem 0 3rem}
h1{font-size:1.6rem;margin:.2rem 0 1rem}
h2{font-size:1.25rem;margin:1.5rem 0 .75rem}
.panel{background:#fff;border:1px solid var(--line);border-radius:4px;padding:1rem 1.25rem;margin-bottom:1rem}
.sections{display:grid;grid-template-columns:repeat(auto-fit,minmax(240px,1fr));gap:1rem;padding:0;list-style:none}
.sections li{background:#fff;border:1px solid var(--line);border-top:4px solid var(--red);padding:1rem}
.sections h3{margin:0 0 .4rem;font-size:1.1rem}
.muted{color:var(--muted)}
table{border-collapse:collapse;width:100%;background:#fff}
th,td{border:1px solid var(--line);padding:.4rem .6rem;text-align:left;vertical-align:top}
th{background:#eef1f5}
.num{text-align:right;font-variant-numeric:tabular-nums}
form.stack label{display:block;font-weight:600;margin:.8rem 0 .25rem}
form.stack input:not([type=radio]):not([type=checkbox]),form.stack select,form.stack textarea{width:100%;max-width:32rem;padding:.5rem;border:1px solid #8a919f;border-radius:3px;font:inherit;background:#fff}
form.stack label.inline{display:inline-flex;align-items:center;gap:.35rem;font-weight:400;margin:.3rem 1.5rem .3rem 0}
form.stack input[type=radio],form.stack input[type=checkbox]{width:1.1rem;height:1.1rem;margin:0;accent-color:var(--red)}
fieldset{border:1px solid var(--line);border-radius:4px;margin:0 0 1rem;padding:.5rem 1rem 1rem}
legend{font-weight:700;padding:0 .35rem}
.hint{color:var(--muted);font-size:.92rem;margin:.1rem 0 .3rem}
.req{color:var(--red)}
button,.button{display:inline-block;background:var(--red);color:#fff;border:0;border-radius:3px;padding:.55rem 1.2rem;font:inherit;cursor:pointer;text-decoration:none}
.error{border-left:4px solid var(--red);background:#fff1f0;padding:.75rem 1rem}
.notice{border-left:4px solid #2f7d32;background:#f0f9f0;padding:.75rem 1rem}
footer.site{border-top:1px solid var(--line);background:#fff;padding:1rem 0;color:var(--muted);font-size:.9rem}
.breadcrumb{font-size:.9rem;color:var(--muted);margin-bottom:.5rem}
.breadcrumb ol{list-style:none;margin:0;padding:0;display:flex;flex-wrap:wrap;gap:.25rem}
.breadcrumb li+li::before{content:"›";margin-right:.25rem}
ul.inline{list-style:none;display:flex;flex-wrap:wrap;gap:.25rem 1.25rem;margin:.4rem 0 0;padding:0}
mark{background:#ffe58f;color:inherit}
/* Phones: nothing may widen the page. Long words and URLs wrap, media shrink, tables scroll in their own region. */
html,body{overflow-wrap:anywhere}
img,video,iframe,svg{max-width:100%;height:auto}
pre,code{white-space:pre-wrap;overflow-wrap:anywhere}
.table-scroll{overflow-x:auto;max-width:100%;-webkit-overflow-scrolling:touch}
.table-scroll:focus-visible{outline:3px solid var(--focus)}
.table-scroll>table{min-width:100%}
th,td{min-width:4.5em;overflow-wrap:normal;word-break:normal}
.nw{white-space:nowrap}
form.stack input:not([type=radio]):not([type=checkbox]),form.stack select,form.stack textarea,.filters input,.filters select{max-width:100%}
.to-standard{display:none!important}
[hidden]{display:none!important}
.visually-hidden{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
nav.main li.mode a{border:1px solid rgba(255,255,255,.7);border-radius:3px;padding:.2rem .6rem}
.site-search{display:flex;flex-wrap:wrap;gap:.5rem;margin:1rem 0}.site-search input{flex:1 1 12rem;min-width:0;padding:.55rem;border:1px solid #8a919f;border-radius:3px;font:inherit}
.latest{list-style:none;padding:0;margin:0}.latest li{padding:.45rem 0;border-bottom:1px solid var(--line)}.latest .muted{font-size:.9rem}
.actions{display:flex;flex-wrap:wrap;gap:.5rem 1rem;align-items:center;margin:1rem 0}
button.secondary,.button.secondary{background:#fff;color:var(--red);border:1px solid var(--red)}
@media (max-width:640px){.brand{font-size:1.1rem}h1{font-size:1.3rem}th,td{padding:.3rem}.panel{padding:.75rem}}
@page{size:A4;margin:25mm 20mm 22mm 25mm}
@media print{
header.site,footer.site,nav,.skip,.no-print,.actions,form,.filters{display:none!important}
body{background:#fff;color:#000;font-size:12pt;line-height:1.6;font-family:"FangSong_GB2312","FangSong","仿宋","STFangsong","Noto Serif CJK SC",serif}
h1,h2,h3,th,dt{font-family:"SimHei","黑体","STHeiti","Noto Sans CJK SC",sans-serif;font-weight:normal}
h1{font-size:20pt;text-align:center}h2{font-size:14pt}
thead{display:table-header-group}
main{padding:0}.wrap{max-width:none;padding:0}
.panel,.body,.meta{border:0;padding:0;background:#fff}
a{color:#000;text-decoration:none}
.body a[href^="http"]::after{content:" (" attr(href) ")";font-size:.85em}
table{page-break-inside:auto}tr{page-break-inside:avoid}th{background:#eee!important;-webkit-print-color-adjust:exact;print-color-adjust:exact}
.table-scroll{overflow:visible}
h1,h2,h3{page-break-after:avoid}
}
`;

/**
 * The large-print mode (长者模式) of 国办公开办函〔2021〕28号, following the MIIT 适老化 design rules for
 * websites and GB/T 37668: body text of at least 18 px (here 20 px), line spacing at least 1.3 times (here 1.8),
 * contrast above 7:1, targets of at least 44 px (60 px for the main navigation), and one column. Sent as
 * /assets/portal-mode.css to a browser that chose it with a plain link (a cookie; no JavaScript).
 */
export const ELDER_CSS = `
:root{--ink:#000;--muted:#222;--link:#00308f;--line:#767676;--bg:#fff}
html{font-size:20px}
body{line-height:1.8;letter-spacing:.02em}
p,li,dd{margin-bottom:.7em}
h1{font-size:1.7rem}h2{font-size:1.35rem}h3{font-size:1.15rem}
a{text-decoration-thickness:2px;text-underline-offset:3px}
a,button,.button,input,select,summary{min-height:44px}
nav.main a,.column-nav a,.breadcrumb a,.pager a{display:inline-flex;align-items:center;min-height:60px;padding:0 .5rem}
nav.main ul{gap:.25rem .5rem}
button,.button{min-height:60px;padding:.8rem 1.4rem;font-size:1.05rem}
form.stack input[type=radio],form.stack input[type=checkbox]{width:1.6rem;height:1.6rem}
.col-layout{grid-template-columns:minmax(0,1fr)!important}
.sections{grid-template-columns:1fr}
.muted,.hint{color:#222}
th,td{padding:.6rem}
.to-elder{display:none!important}.to-standard{display:inline-flex!important}
`;

/** The mode stylesheet for the standard view: nothing to change. */
export const STANDARD_MODE_CSS = '/* standard view */\n';
