import { describeOnEmbeddedAndPostgres } from '../support/server-modes.ts';
import { httpEdgesScenario } from './http-edges.scenario.ts';

describeOnEmbeddedAndPostgres('HTTP edge', httpEdgesScenario);
