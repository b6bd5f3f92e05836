// The receivers of bench/notify-overhead.ts in a process of their own, so that the server being
// measured shares its process with nothing they do: webhook receivers on 127.0.0.1 answering 204,
// and an SMTP sink taking any mail. Plain JavaScript: no TypeScript loader to start.
// Sends {urls, smtpPort} once listening; answers every 'count' message with {calls, mails}.
import http from 'node:http';
import smtp from 'smtp-server';

const count = Number(process.argv[2]);
let calls = 0;
let mails = 0;

const servers = await Promise.all(Array.from({ length: count }, () => new Promise((resolve) => {
  const server = http.createServer((request, response) => {
    request.resume().on('end', () => {
      calls += 1;
      response.writeHead(204).end();
    });
  });
  server.listen(0, '127.0.0.1', () => resolve(server));
})));

const sink = new smtp.SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS'],
  logger: false,
  onData(stream, _session, callback) {
    stream.resume().on('end', () => {
      mails += 1;
      callback();
    });
  },
});
await new Promise((resolve) => sink.listen(0, '127.0.0.1', resolve));

process.on('message', (message) => {
  if (message === 'count') {
    process.send({ calls, mails });
  }
});
process.on('disconnect', () => {
  for (const server of servers) {
    server.close();
  }
  sink.close();
});
process.send({
  urls: servers.map((server) => `http://127.0.0.1:${server.address().port}/hook`),
  smtpPort: sink.server.address().port,
});
