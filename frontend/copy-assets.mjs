// Copies what the compiled CSS and app.js need out of node_modules into static/.
//
// - static/js/govuk-frontend.min.js: GOV.UK Frontend's ES module bundle (app.js imports it).
// - static/govuk/assets/...: every image or font that static/css/app.css refers to, except the
//   GOV.UK brand assets (the crown, the royal crest, GDS Transport fonts, GOV.UK icons), which a
//   service outside GOV.UK must not use.
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs'
import { dirname, join } from 'node:path'

const packageDist = 'node_modules/govuk-frontend/dist/govuk'
const assetsUrl = '/static/govuk/assets/'
const assetsDir = 'static/govuk/assets'
const branded = [/^fonts\//, /crown/i, /crest/i, /^images\/govuk-/, /^images\/favicon/]

copyFileSync(join(packageDist, 'govuk-frontend.min.js'), 'static/js/govuk-frontend.min.js')

rmSync(assetsDir, { recursive: true, force: true })
const css = readFileSync('static/css/app.css', 'utf8')
const wanted = new Set()
for (const match of css.matchAll(/url\(["']?([^"')]+)["']?\)/g)) {
  const url = match[1].split(/[?#]/)[0]
  if (url.startsWith(assetsUrl)) wanted.add(url.slice(assetsUrl.length))
}
for (const asset of [...wanted].sort()) {
  if (branded.some((pattern) => pattern.test(asset))) {
    console.log(`skipped ${asset} (GOV.UK brand asset, not for use outside GOV.UK)`)
    continue
  }
  const source = join(packageDist, 'assets', asset)
  if (!existsSync(source)) throw new Error(`app.css refers to ${asset}, not in govuk-frontend`)
  mkdirSync(dirname(join(assetsDir, asset)), { recursive: true })
  copyFileSync(source, join(assetsDir, asset))
  console.log(`copied ${asset}`)
}
