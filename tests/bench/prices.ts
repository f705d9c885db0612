/**
 * us-east-1 list prices `npm run cost` uses, in US dollars per unit (on demand, no free tier, first
 * volume tier). Each line says where it was read and when; a price that could not be read from a page is
 * marked `read: false` and its figure is a placeholder to be checked on the service's pricing page.
 * Read on 2026-12-04, the S3 request prices on 2026-12-07.
 */
export interface Price {
  usd: number;
  unit: string;
  source: string;
  /** false: not read from the source named here; the figure is a placeholder. */
  read: boolean;
  note?: string;
}

export const PRICES_READ_ON = '2026-12-04';

export const PRICES = {
  stateTransition: {
    usd: 0.025 / 1000,
    unit: 'Step Functions Standard state transition',
    source: 'https://aws.amazon.com/step-functions/pricing/ (US East (N. Virginia) $0.0250 per 1,000 state transitions)',
    read: true,
  },
  expressRequest: {
    usd: 1 / 1e6,
    unit: 'Step Functions Express request (one per execution started)',
    source:
      'https://aws.amazon.com/blogs/compute/building-cost-effective-aws-step-functions-workflows/ ("a lower cost of $1.00 per million invocations versus $25 per million for Standard Workflows")',
    read: true,
  },
  expressGbSecond: {
    usd: 0.06 / 3600,
    unit: 'Step Functions Express duration, GB-second (first 1,000 GB-hours a month; billed in 100 ms and 64 MB steps)',
    source:
      'https://aws.amazon.com/step-functions/pricing/ as copied at https://mdsite.deno.dev/https://aws.amazon.com/step-functions/pricing (its example: "$0.06000 per GB-hour x 1,000 GB-Hours"; memory = 50 MB + definition + execution data, billed in 64-MB chunks)',
    read: true,
  },
  lambdaRequest: {
    usd: 0.2 / 1e6,
    unit: 'Lambda request',
    source:
      'https://aws.amazon.com/lambda/pricing/ as quoted in its table by git.mcrn.ar lambda_local_runner docs/lambdas-md/lambda-13-cost.md ($0.20 per 1M, x86 and arm64)',
    read: true,
  },
  lambdaArmGbSecond: {
    usd: 0.0000133334,
    unit: 'Lambda arm64 GB-second (first 7.5 billion GB-s a month)',
    source: 'https://cloudchipr.com/blog/aws-lambda-pricing (US East (N. Virginia), ARM: first 7.5 billion GB-seconds $0.0000133334)',
    read: true,
  },
  dynamoWriteUnit: {
    usd: 0.625 / 1e6,
    unit: 'DynamoDB on-demand write request unit',
    source: 'https://airbyte.com/data-engineering-resources/dynamodb-pricing (US East, after the November 2024 reduction: $0.625 per million WRU)',
    read: true,
  },
  dynamoReadUnit: {
    usd: 0.125 / 1e6,
    unit: 'DynamoDB on-demand read request unit',
    source: 'https://airbyte.com/data-engineering-resources/dynamodb-pricing (US East: $0.125 per million RRU)',
    read: true,
    note: 'Strongly consistent reads are billed here as one unit per 4 KB as DynamoDB Local reports them; eventually consistent reads would cost half.',
  },
  kmsSign: {
    usd: 0.15 / 10_000,
    unit: 'KMS Sign request with an asymmetric (ECC P-256) key',
    source:
      'https://www.factualminds.com/blog/aws-kms-pricing-keys-requests-multi-region/ (us-east-1, June 2026: $0.03 per 10,000 requests, asymmetric operations at 5× the symmetric rate)',
    read: true,
    note: 'The AWS page itself (https://aws.amazon.com/kms/pricing/) was read only in part; another guide (wring.co) lists ECC requests at $0.03 per 10,000. The higher figure is used.',
  },
  s3Put: {
    usd: 0.005 / 1000,
    unit: 'S3 Standard PUT request',
    source: 'https://c3x.dev/blog/s3-request-fees-explained (S3 Standard: PUT, COPY, POST, LIST $0.005 per 1,000 requests)',
    read: true,
    note: 'Read on 2026-12-07. The page names no region; the AWS page itself (https://aws.amazon.com/s3/pricing/) was not read.',
  },
  s3Get: {
    usd: 0.0004 / 1000,
    unit: 'S3 Standard GET request',
    source: 'https://c3x.dev/blog/s3-request-fees-explained (S3 Standard: GET, HEAD, SELECT $0.0004 per 1,000 requests)',
    read: true,
    note: 'Read on 2026-12-07. The page names no region; the AWS page itself (https://aws.amazon.com/s3/pricing/) was not read.',
  },
  httpApiRequest: {
    usd: 1 / 1e6,
    unit: 'API Gateway HTTP API request (first 300 million a month)',
    source: 'https://www.apigatewaycost.com/aws and https://awsforengineers.com/blog/aws-api-gateway-pricing-explained ($1.00 per million, US East)',
    read: true,
  },
} satisfies Record<string, Price>;

export type Prices = { [K in keyof typeof PRICES]: Price };
