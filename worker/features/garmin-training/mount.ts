// What only the app, the queue and cron dispatchers and the wiring mount: this feature's router and queue consumer.
export { garminTrainingRoutes } from './garmin-training.routes';
export { garminTrainingConsumer } from './garmin-training.consumer';
