// The break page's screens after the prompt, in their own chunk: the prompt's first paint loads none of them.
export { Done } from './Done';
export { RoutinePlayer } from './RoutinePlayer';
export { WhyView } from './WhyView';
