import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { loadShippedTables, SHIPPED_TABLES_DELAY_MS } from '../compute/shippedData';
import { preparedLectureState } from '../state/firstVisit';
import { useLectureStore } from '../state/lectureState';
import { App } from './App';
import './app.css';

// Without a link the lecture opens prepared (a link's own state replaces it when the page reads it).
useLectureStore.setState({ lecture: preparedLectureState() });

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}

// The shipped reference tables load in a worker: at once where a view names one (useShippedTableFor),
// otherwise a little after the first paint, so a page opened for something else is not slowed.
setTimeout(() => void loadShippedTables(), SHIPPED_TABLES_DELAY_MS);
