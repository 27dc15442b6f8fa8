// Runs before first paint: applies the reader's chosen theme, if any, so a dark page never flashes white.
try{var t=localStorage.getItem('bs:theme');if(t==='dark'||t==='light')document.documentElement.setAttribute('data-theme',t)}catch(e){}
