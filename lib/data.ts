// The one table, built from the same definition the local runtime uses.
import { RemovalPolicy } from 'aws-cdk-lib';
import { AttributeType, Billing, StreamViewType, TableV2, type ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { Construct } from 'constructs';
import { tableDef, tableName } from '../functions/data/table-def';
import type { StageConfig } from './config';

export class Data extends Construct {
  readonly table: ITableV2;
  /** False when the stage runs on an adopted (restored) table the stack does not own. */
  readonly ownsTable: boolean;

  constructor(scope: Construct, id: string, config: StageConfig) {
    super(scope, id);
    this.ownsTable = !config.adoptTable;
    if (config.adoptTable) {
      // A point-in-time restore is a new table outside the stack: use it by name and stream.
      this.table = TableV2.fromTableAttributes(this, 'Table', { tableName: config.adoptTable.name, tableStreamArn: config.adoptTable.streamArn, grantIndexPermissions: true });
      return;
    }
    this.table = new TableV2(this, 'Table', {
      tableName: tableName(config.stage),
      partitionKey: { name: tableDef.partitionKey, type: AttributeType.STRING },
      sortKey: { name: tableDef.sortKey, type: AttributeType.STRING },
      globalSecondaryIndexes: tableDef.globalIndexes.map((g) => ({
        indexName: g.name,
        partitionKey: { name: g.partitionKey, type: AttributeType.STRING },
        sortKey: { name: g.sortKey, type: AttributeType.STRING },
      })),
      billing: Billing.onDemand(),
      timeToLiveAttribute: tableDef.ttlAttribute,
      dynamoStream: StreamViewType[tableDef.streamView],
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: config.protectData,
      removalPolicy: config.protectData ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    });
  }
}
