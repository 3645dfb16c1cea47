import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { preparedLectureState } from '../state/firstVisit';
import { useLectureStore } from '../state/lectureState';
import { App } from './App';
import { readHash } from './useUrlSync';
import './app.css';

// Without a link the lecture opens prepared (a link's own state replaces it when the page reads it).
useLectureStore.setState({ lecture: preparedLectureState() });
// The link's own state, before anything renders (see readHash).
readHash();

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}
