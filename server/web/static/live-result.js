// Keeps the result page of a running build current, from the server's event stream
// (GET /results/<key>/live): finished steps arrive as cards the server rendered, the running
// step's output as plain text, and once the build ends the page is read again whole, so it then
// shows exactly what a reload would. Without this script the page still says the build runs.
const steps = document.querySelector('ol.steps[data-live-stream]');

function runningCard() {
  return document.getElementById('running-step');
}

function say(text) {
  const notice = document.querySelector('.live-notice');
  if (notice) {
    notice.textContent = text;
  }
}

function sayRunning(number) {
  say(`This build is running: step ${number} is in progress. New steps and output appear here as they come.`);
}

// A finished step takes the running card's place; the card moves on to the next step, empty.
function addStep({ number, html }) {
  const card = runningCard();
  card.insertAdjacentHTML('beforebegin', html);
  card.querySelector('.step-number').textContent = String(number + 1);
  card.querySelector('.step-name').textContent = `step ${number + 1}`;
  for (const log of card.querySelectorAll('pre.live-log')) {
    log.textContent = '';
    log.closest('.live-stream').hidden = log.dataset.stream !== 'output';
  }
  sayRunning(number + 1);
}

// The log follows new output only while the reader is at its end, as a terminal does.
function appendOutput({ stream, text }) {
  const log = runningCard().querySelector(`pre.live-log[data-stream="${stream}"]`);
  const atEnd = log.scrollTop + log.clientHeight >= log.scrollHeight - 4;
  log.closest('.live-stream').hidden = false;
  log.append(text);
  if (atEnd) {
    log.scrollTop = log.scrollHeight;
  }
}

async function showFinishedPage(source) {
  source.close();
  say('This build has ended; reading its result…');
  try {
    const response = await fetch(window.location.href, { headers: { Accept: 'text/html' } });
    if (!response.ok) {
      throw new Error(`status ${response.status}`);
    }
    const page = new DOMParser().parseFromString(await response.text(), 'text/html');
    document.title = page.title;
    document.body.replaceWith(page.body);
  } catch {
    say('This build has ended. Reload the page to see its result.');
  }
}

if (steps && 'EventSource' in window) {
  const source = new EventSource(steps.dataset.liveStream);
  sayRunning(Number(runningCard().querySelector('.step-number').textContent));
  source.addEventListener('step', (message) => addStep(JSON.parse(message.data)));
  source.addEventListener('output', (message) => appendOutput(JSON.parse(message.data)));
  source.addEventListener('state', () => void showFinishedPage(source));
}
