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
@media (max-width:640px){.brand{font-size:1.1rem}h1{font-size:1.3rem}th,td{padding:.3rem}}
@media print{header.site,footer.site,nav,.skip{display:none}body{background:#fff}}
`;
