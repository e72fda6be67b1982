// Runs the example client against a server: `node dist/main.js http://127.0.0.1:8000`.
// Prints one JSON object with what it saw, for a person or a test to read.
import { ApiProblem, ForlopClient } from "./client.js";

async function main(baseUrl: string): Promise<void> {
  const client = new ForlopClient(baseUrl);

  const first = await client.mergedView("4601", "angst");
  const again = await client.mergedView("4601", "angst");
  const sections = first.value.services.flatMap((s) => s.sections);
  const origins = new Set(sections.map((s) => s.origin ?? "empty"));

  const map = await client.serviceMap("4601");
  const units = map.services.reduce((n, s) => n + s.units.length, 0);

  const feed = await client.changesSince(undefined, 500);
  const entities = new Set(feed.changes.map((c) => c.entity));
  const rest = await client.changesSince(feed.cursor);

  let problem: { status: number; kind: string } | null = null;
  try {
    await client.mergedView("9999", "angst");
  } catch (e) {
    if (e instanceof ApiProblem) {
      problem = { status: e.problem.status, kind: e.kind };
    } else {
      throw e;
    }
  }

  const report = {
    view: {
      title: first.value.pathway.title,
      lang: first.value.lang,
      services: first.value.services.length,
      origins: [...origins].sort(),
      revalidated: again.notModified,
      same: again.value === first.value,
    },
    serviceMap: { locality: map.locality.code, services: map.services.length, units },
    feed: {
      changes: feed.changes.length,
      entities: [...entities].sort(),
      cursor: feed.cursor,
      after: rest.changes.length,
    },
    problem,
  };
  process.stdout.write(JSON.stringify(report) + "\n");
}

const baseUrl = process.argv[2] ?? "http://127.0.0.1:8000";
main(baseUrl).catch((e: Error) => {
  process.stderr.write(`${e.message}\n`);
  process.exit(1);
});
