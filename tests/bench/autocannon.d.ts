// The part of autocannon 9's API that bench:api and bench:http use (the package ships no types).
declare module "autocannon" {
  type RawRequest = { method?: string; path?: string; headers?: Record<string, string>; body?: string };
  type Histogram = { average: number; mean: number; p50: number; p97_5: number; p99: number; total: number; min: number; max: number };
  type Options = {
    url: string;
    connections?: number;
    duration?: number;
    amount?: number;
    method?: string;
    headers?: Record<string, string>;
    body?: string;
    requests?: { setupRequest?: (request: RawRequest, context: Record<string, unknown>) => RawRequest }[];
  };
  type Result = { requests: Histogram & { sent?: number }; latency: Histogram; throughput: Histogram; non2xx: number; errors: number; timeouts: number; statusCodeStats?: Record<string, { count: number }> };
  function autocannon(options: Options): Promise<Result>;
  export default autocannon;
}
