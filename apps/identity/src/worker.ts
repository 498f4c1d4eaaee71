// Same image, second entry point: the outbox relay and the timer workers only (no HTTP, no consumer group).
process.env.PROCESS_ROLES = 'worker';
void import('./main');
