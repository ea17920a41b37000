// Live word count for answers on the submission form. The page works without it: the server
// counts the words after saving. Each textarea with data-module="app-word-count" gets a count
// below it that says when the answer is over the guide (150 words) or over the limit (400).
const textareas = document.querySelectorAll('textarea[data-module="app-word-count"]')

function words (text) {
  const trimmed = text.trim()
  return trimmed ? trimmed.split(/\s+/).length : 0
}

function message (count, guide, limit) {
  const counted = `${count} ${count === 1 ? 'word' : 'words'}`
  if (count > limit) return `${counted}. This is too long: shorten it to ${limit} words or fewer`
  if (count > guide) return `${counted}. Aim for under ${guide} words so residents can read it easily`
  return `${counted}. Aim for under ${guide} words`
}

textareas.forEach((textarea) => {
  const guide = Number(textarea.dataset.wordGuide)
  const limit = Number(textarea.dataset.wordLimit)
  const status = document.createElement('div')
  status.id = `${textarea.id}-word-count`
  status.className = 'govuk-hint govuk-!-margin-top-1 app-word-count'
  status.setAttribute('aria-live', 'polite')
  textarea.insertAdjacentElement('afterend', status)
  const described = textarea.getAttribute('aria-describedby')
  textarea.setAttribute('aria-describedby', [described, status.id].filter(Boolean).join(' '))

  const update = () => {
    const count = words(textarea.value)
    status.textContent = message(count, guide, limit)
    status.classList.toggle('govuk-error-message', count > limit)
    status.classList.toggle('govuk-!-font-weight-bold', count > guide && count <= limit)
  }
  let timer
  textarea.addEventListener('input', () => {
    clearTimeout(timer)
    timer = setTimeout(update, 250)
  })
  update()
})
