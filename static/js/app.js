// Progressive enhancement for the Charter Register. Every page works without this file.
//
// Loaded as a module at the end of <body>, so the document is parsed and there is no inline
// script: the "supported" class GOV.UK Frontend needs is set here, before the components start.
import { initAll } from './govuk-frontend.min.js'

document.body.classList.add('govuk-frontend-supported')
initAll()
