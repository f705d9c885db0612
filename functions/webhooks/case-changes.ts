import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBRecord } from 'aws-lambda';
import { type CaseRecord, CaseRecord as CaseRecordSchema, parseRecord } from '../adapters/case-record.ts';

type Image = Record<string, AttributeValue>;
const timelineLength = (image: Image | undefined): number => image?.timeline?.L?.length ?? 0;

/**
 * The case records of a stream batch whose timeline grew, one per case: the latest image, since a stream
 * keeps each item's changes in order. The event source's filter already keeps only case records
 * (infra/aws/webhooks.ts); whether the timeline changed needs both images, which a filter cannot compare.
 */
export function changedCases(records: readonly DynamoDBRecord[]): CaseRecord[] {
  const latest = new Map<string, CaseRecord>();
  for (const r of records) {
    const next = r.dynamodb?.NewImage as Image | undefined;
    if (!next || timelineLength(next) <= timelineLength(r.dynamodb?.OldImage as Image | undefined)) continue;
    const record = parseRecord(CaseRecordSchema, unmarshall(next), `case image ${String(next.pk?.S)}`);
    latest.set(record.caseNumber, record);
  }
  return [...latest.values()];
}
