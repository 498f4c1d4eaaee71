/** The part of batch-record's config the export needs. */
export interface BatchConfig {
  SITE_TIME_ZONE: string;
}
