// A small typed client of the Forløp API. Every type comes from src/schema.d.ts, which
// `npm run generate` writes from openapi/openapi.json with openapi-typescript: no cast, no
// `any`, and no `unknown` handed to the caller.
import createClient from "openapi-fetch";
import type { components, paths } from "./schema.js";

export type Problem = components["schemas"]["Problem"];
export type MergedView = components["schemas"]["MergedView"];
export type ServiceMap = components["schemas"]["ServiceMap"];
export type Change = components["schemas"]["Change"];

/** An error answer of the API, with its problem+json body (RFC 9457). */
export class ApiProblem extends Error {
  readonly problem: Problem;

  constructor(problem: Problem) {
    super(`${problem.status} ${problem.title}: ${problem.detail}`);
    this.problem = problem;
  }

  /** The last segment of the problem type, e.g. `not-found`. */
  get kind(): string {
    return this.problem.type.split("/").pop() ?? this.problem.type;
  }
}

/** What the API answered when it did not answer with a problem body (a proxy, say). */
function unexpected(response: Response): ApiProblem {
  return new ApiProblem({
    type: "about:blank",
    title: response.statusText,
    status: response.status,
    detail: `Unexpected answer ${response.status} from ${response.url}`,
  });
}

function problemOf(error: Problem | string | undefined, response: Response): ApiProblem {
  return typeof error === "object" ? new ApiProblem(error) : unexpected(response);
}

export interface Revalidated<T> {
  value: T;
  /** True when the server answered 304 and the cached copy was used. */
  notModified: boolean;
}

export class ForlopClient {
  private readonly api;
  private readonly views = new Map<string, { etag: string; view: MergedView }>();

  constructor(baseUrl: string, token?: string) {
    this.api = createClient<paths>({
      baseUrl,
      headers: token ? { Authorization: `Bearer ${token}` } : {},
    });
  }

  /** A pathway as a locality sees it, revalidated with its ETag (304: the cached copy). */
  async mergedView(code: string, slug: string, lang: "nb" | "nn" = "nb"): Promise<Revalidated<MergedView>> {
    const key = `${code}/${slug}/${lang}`;
    const cached = this.views.get(key);
    const { data, error, response } = await this.api.GET("/v1/localities/{code}/pathways/{slug}", {
      params: {
        path: { code, slug },
        query: { lang },
        header: cached ? { "If-None-Match": cached.etag } : {},
      },
    });
    if (response.status === 304 && cached) {
      return { value: cached.view, notModified: true };
    }
    if (data === undefined) {
      throw problemOf(error, response);
    }
    const etag = response.headers.get("ETag");
    if (etag) {
      this.views.set(key, { etag, view: data });
    }
    return { value: data, notModified: false };
  }

  /** Who does what in a locality (the JSON service map). */
  async serviceMap(code: string): Promise<ServiceMap> {
    const { data, error, response } = await this.api.GET("/v1/localities/{code}/service-map", {
      params: { path: { code }, query: { format: "json" } },
    });
    if (data === undefined) {
      throw problemOf(error, response);
    }
    if (typeof data === "string" || !("services" in data) || !("locality" in data)) {
      throw unexpected(response);
    }
    return data;
  }

  /** Every change after `cursor` (absent: from the start), page by page, and where to go on. */
  async changesSince(cursor?: string, limit = 200): Promise<{ changes: Change[]; cursor: string }> {
    const changes: Change[] = [];
    let next = cursor;
    for (;;) {
      const { data, error, response } = await this.api.GET("/v1/changes", {
        params: { query: next === undefined ? { limit } : { limit, cursor: next } },
      });
      if (data === undefined) {
        throw problemOf(error, response);
      }
      changes.push(...data.items);
      if (data.items.length === 0 || data.next_cursor === next) {
        return { changes, cursor: data.next_cursor };
      }
      next = data.next_cursor;
    }
  }
}
