import { keys } from './table-keys.ts';

/** Frees the person to book again, unless the lock already names another case (a transaction item). */
export function unlockPerson(table: string, idNumber: string, caseNumber: string) {
  return {
    Delete: {
      TableName: table,
      Key: keys.openCaseLock(idNumber),
      ConditionExpression: 'attribute_not_exists(pk) OR caseNumber = :c',
      ExpressionAttributeValues: { ':c': caseNumber },
    },
  };
}
